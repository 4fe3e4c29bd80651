"""quiz: a self-study quiz grounded in its source documents."""
