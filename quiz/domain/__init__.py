"""What the product knows, in plain Python: no Flask, no SQLAlchemy, no database session."""
