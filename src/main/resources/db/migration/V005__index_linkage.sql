-- Linked aggregates (issue 6) join a feed to another on the composite linkage key within a window.
CREATE INDEX feed_row_linkage ON feed_row (feed, linkage_key, event_date) WHERE linkage_key IS NOT NULL;
