"""HTTP views, one blueprint per module: parse the request, call the domain, render."""
