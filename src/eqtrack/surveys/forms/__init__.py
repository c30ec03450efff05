"""The surveys' forms, one module an area; a form only collects answers, the services decide
whether they are good enough to keep."""
