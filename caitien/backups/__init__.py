"""Backups of a whole site: the database and the uploaded files in one archive (`caitien backup`,
`caitien restore`)."""
