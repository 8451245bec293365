-- SPEC §2 criteria as SQL, for the DuckDB side of bench/run.sh. It reads the dump given as
-- the variable `dump` with read_csv, judges every account against the file's own known
-- supplier accounts (a fresh database knows no others) and writes the verdicts to a table.
-- Two criteria are approximations SQL can express: a bio "sentence" counts
-- whitespace-separated words holding a letter once URLs, @handles and #tags are removed
-- (Supply Desk follows UAX #29), and a generated username is one of the platform default
-- shapes (Supply Desk scores several more signals). Everything else is exact.
CREATE OR REPLACE TABLE raw AS
SELECT * FROM read_csv(getvariable('dump'), header = true, all_varchar = true);

CREATE OR REPLACE TABLE acc AS
SELECT
    row_number() OVER () AS row_no,
    supplier, platform, niche,
    lower(ltrim(trim(username), '@')) AS handle,
    lower(has_profile_picture) IN ('true', 'yes', '1', 'y') AS picture,
    bio,
    TRY_CAST(posts AS BIGINT) AS posts,
    TRY_CAST(created_at AS DATE) AS created_at,
    TRY_CAST(followers AS BIGINT) AS followers,
    TRY_CAST(following AS BIGINT) AS following,
    TRY_CAST(last_active_at AS DATE) AS last_active_at,
    coalesce(mentioned_by, '') AS mentioned_by,
    coalesce(follows, '') AS follows,
    TRY_CAST(flagged_at AS DATE) AS flagged_at,
    TRY_CAST(like_sources_30d AS BIGINT) AS likes,
    TRY_CAST(comments_30d AS BIGINT) AS comments,
    TRY_CAST(follows_30d AS BIGINT) AS follows30,
    TRY_CAST(as_of AS DATE) AS as_of
FROM raw;

CREATE OR REPLACE TABLE known AS SELECT DISTINCT platform, handle FROM acc;

-- Handles each account was mentioned by, and follows, one row each.
CREATE OR REPLACE TABLE outside AS
SELECT m.row_no, count(*) AS n
FROM (
    SELECT row_no, platform, handle,
           lower(ltrim(trim(unnest(string_split(mentioned_by, ';'))), '@')) AS other
    FROM acc
) m
LEFT JOIN known k ON k.platform = m.platform AND k.handle = m.other
WHERE m.other <> '' AND m.other <> m.handle AND k.handle IS NULL
GROUP BY m.row_no;

CREATE OR REPLACE TABLE follow_counts AS
SELECT f.row_no, count(*) AS followed, count(k.handle) AS followed_known
FROM (
    SELECT row_no, platform, handle,
           lower(ltrim(trim(unnest(string_split(follows, ';'))), '@')) AS other
    FROM acc
) f
LEFT JOIN known k ON k.platform = f.platform AND k.handle = f.other
WHERE f.other <> '' AND f.other <> f.handle
GROUP BY f.row_no;

CREATE OR REPLACE TABLE verdicts AS
SELECT
    a.supplier, a.platform, a.handle AS username,
    concat_ws(';',
        CASE WHEN NOT a.picture THEN 'no_picture' END,
        CASE WHEN len(list_filter(
                 string_split_regex(
                     regexp_replace(coalesce(a.bio, ''), '(https?://\S+|www\.\S+|@\w+|#\w+)', ' ', 'g'),
                     '\s+'),
                 lambda w: regexp_matches(w, '[[:alpha:]]'))) < 3 THEN 'short_bio' END,
        CASE WHEN a.posts IS NULL OR a.posts < 5 THEN 'few_posts' END,
        CASE WHEN regexp_matches(a.handle, '^(user_?[a-z0-9]*[0-9]{4,}|[a-z]{1,4}[0-9]{6,}|[a-z0-9]*[0-9][a-z][0-9][a-z0-9]*[0-9][a-z0-9]*)$')
             THEN 'generated_username' END,
        CASE WHEN a.created_at IS NULL OR date_diff('day', a.created_at, a.as_of) < 90 THEN 'too_new' END,
        CASE WHEN a.following >= 500 AND 10 * a.followers < a.following THEN 'ratio' END,
        CASE WHEN a.last_active_at IS NULL OR date_diff('day', a.last_active_at, a.as_of) > 30
                  OR (a.likes <= 0 AND a.comments <= 0 AND a.follows30 <= 0) THEN 'dormant' END,
        CASE WHEN o.n IS NULL THEN 'no_outside_mentions' END,
        CASE WHEN f.followed > 0 AND f.followed = f.followed_known THEN 'closed_loop' END,
        CASE WHEN a.flagged_at IS NOT NULL
                  AND date_diff('day', a.flagged_at, a.as_of) BETWEEN 0 AND 30 THEN 'flagged' END,
        CASE WHEN a.likes = 1 AND a.comments = 0 AND a.follows30 = 0 THEN 'narrow_target' END
    ) AS reasons,
    a.followers, a.following, a.niche
FROM acc a
LEFT JOIN outside o ON o.row_no = a.row_no
LEFT JOIN follow_counts f ON f.row_no = a.row_no;

CREATE OR REPLACE TABLE scored AS
SELECT supplier, platform, username, reasons = '' AS eligible,
       CASE WHEN reasons = '' THEN
           60 + 40 * exp(-power((log10((followers + 1) / (following + 1)) - 0.0) / 0.5, 2) / 2)
       ELSE 0 END AS score
FROM verdicts;

DROP TABLE raw; DROP TABLE acc; DROP TABLE known; DROP TABLE outside;
DROP TABLE follow_counts; DROP TABLE verdicts;
