"""IXC Soft: webservice client, typed models, phone matching and record assembly."""
