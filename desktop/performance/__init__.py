"""The desk's figures: "Meu desempenho" from Ramal's own history (no PBX licence needed), and the
supervisor's per-agent figures merged with 3CX's reports. Qt-free: the views only draw them."""
