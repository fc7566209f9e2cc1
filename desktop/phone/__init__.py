"""Phone numbers: Brazilian normalisation to E.164 and tel:/sip:/callto: links."""
