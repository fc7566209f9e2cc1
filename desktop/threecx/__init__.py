"""3CX beyond SIP: the XAPI (Configuration API) client of 3CX V20 Enterprise, the queue
login/logout by dial code (any licence), recordings matched to Ramal's calls, and the report
rows the supervisor view reads. Qt-free; see docs/threecx.md and the shared 3CX reference."""
