"""Party elections (bầu cử trong Đảng): the secret-ballot counting engine and its command."""
