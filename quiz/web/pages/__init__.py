"""Per-page view data: plain values for one template, made from domain objects and store
rows. Nothing here runs a query."""
