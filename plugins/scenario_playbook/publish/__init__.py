"""Publishing outputs beside the site: exports, the offline bundle, the one-file edition."""
