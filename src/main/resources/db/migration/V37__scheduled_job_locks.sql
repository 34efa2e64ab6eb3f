-- One row per periodic job (ShedLock): the node that runs it holds the row until lock_until, so a job runs on
-- one node at a time across the nodes sharing this database (tracking.ClusterJobs).
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until TIMESTAMP    NOT NULL,
    locked_at  TIMESTAMP    NOT NULL,
    locked_by  VARCHAR(255) NOT NULL
);
