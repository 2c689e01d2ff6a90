-- Issue 14: the version of each feed's cubes. Every rebuild bumps it in the rebuilding transaction,
-- so an instance's in-memory copy of a cube (CubeSnapshots) sees, with one indexed read per release,
-- whether the cells it holds are still those committed. A feed without a row has no copy: its
-- releases read the cube tables.
CREATE TABLE release_cube_version (
    feed     text    PRIMARY KEY,
    version  bigint  NOT NULL
);
INSERT INTO release_cube_version (feed, version) SELECT DISTINCT feed, 1 FROM release_cube;

GRANT SELECT, INSERT, UPDATE ON release_cube_version TO ${appRole};
