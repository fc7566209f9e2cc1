"""The exit codes every Ramal command shares, for the scripts an ISP's IT person writes."""

EXIT_OK = 0
EXIT_BAD_CONFIG = 2
EXIT_REGISTRATION_REFUSED = 3
EXIT_IXC_UNAVAILABLE = 4
EXIT_IXC_REFUSED = 5
