"""The surveys pages, one module an area: building (officers make a survey), responding
(residents answer it), results (who answered, weighted results, exports, paper copies), themes
(free-text themes), pages (consultation pages), polls (quick polls)."""
