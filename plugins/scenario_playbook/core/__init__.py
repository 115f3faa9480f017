"""The core: read, validate and check scenario files into a Playbook; no MkDocs here."""
