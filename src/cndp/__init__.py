"""CNĐP — the management system of the Agency for Regional Industry Development and its Party Committee."""

__version__ = "0.1.0"
