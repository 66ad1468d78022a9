"""Plan documents without the database: the JSON contract, Vietnamese parsing, readers and writers."""
