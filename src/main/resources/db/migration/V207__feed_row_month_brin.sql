-- Issue 14: ingest closer to COPY. The btree on (feed, event_month) cost about 2 s of every
-- 1,000,000-row push (an insertion per row, and its WAL). Rows arrive by submission, one feed and
-- usually one month at a time, so they lie in the table in runs of feed and month: a BRIN index
-- (each range of 32 pages summarised by its least and greatest feed and month) finds the same rows
-- for a feed's months at almost no cost to a push. Distinct-person, linked and record queries and
-- the retention purge read through it as a bitmap scan, as they did through the btree; measured on
-- 2,000,000 rows, a three-month distinct-person table took 647 ms through each.
-- Citus propagates BRIN indexes to every shard.
DROP INDEX feed_row_feed_month;
CREATE INDEX feed_row_feed_month ON feed_row USING brin (feed, event_month)
    WITH (pages_per_range = 32, autosummarize = on);
