"""Tests of the counting engine and of `cndp tally`."""
