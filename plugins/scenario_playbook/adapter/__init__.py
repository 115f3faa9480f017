"""The MkDocs adapter: build session, worker process, generated files and the serve preview."""
