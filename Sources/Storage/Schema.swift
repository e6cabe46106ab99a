/// The schema, one migration per change. Never edit a shipped migration; add the next one.
///
/// Types are those both databases read the same way: TEXT, BIGINT, BOOLEAN. Timestamps are
/// ISO 8601 UTC text; money is BIGINT minor units beside a currency code.
package enum Schema {
    package static let migrations: [Migration] = [
        accounts, specs, portfolio, audit, signal, portfolioViews, payComponents, datasetPaymentEvidence,
    ]

    static let accounts = Migration(
        id: "0001-accounts",
        statements: [
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                email TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                disabled BOOLEAN NOT NULL DEFAULT FALSE,
                revision BIGINT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE api_tokens (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                prefix TEXT NOT NULL,
                created_at TEXT NOT NULL,
                last_used_at TEXT,
                revoked_at TEXT
            )
            """,
            "CREATE INDEX api_tokens_user ON api_tokens (user_id)",
        ])

    static let specs = Migration(
        id: "0002-specs",
        statements: [
            """
            CREATE TABLE specs (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                title TEXT NOT NULL,
                current_version BIGINT NOT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE spec_versions (
                spec_id TEXT NOT NULL REFERENCES specs(id) ON DELETE CASCADE,
                version BIGINT NOT NULL,
                body TEXT NOT NULL,
                comment TEXT,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                PRIMARY KEY (spec_id, version)
            )
            """,
            """
            CREATE TABLE decision_files (
                id TEXT PRIMARY KEY,
                spec_id TEXT NOT NULL,
                spec_version BIGINT NOT NULL,
                status TEXT NOT NULL,
                evaluated_on TEXT NOT NULL,
                layer TEXT NOT NULL,
                currency TEXT NOT NULL,
                band_min_minor BIGINT NOT NULL,
                band_mid_minor BIGINT NOT NULL,
                band_max_minor BIGINT NOT NULL,
                blocking BOOLEAN NOT NULL,
                document TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                submitted_by TEXT,
                status_by TEXT,
                status_at TEXT,
                status_comment TEXT,
                revision BIGINT NOT NULL,
                FOREIGN KEY (spec_id, spec_version) REFERENCES spec_versions (spec_id, version) ON DELETE CASCADE
            )
            """,
            "CREATE INDEX decision_files_spec ON decision_files (spec_id, spec_version)",
            "CREATE INDEX decision_files_status ON decision_files (status)",
        ])

    static let portfolio = Migration(
        id: "0003-portfolio",
        statements: [
            """
            CREATE TABLE people (
                id TEXT PRIMARY KEY,
                external_id TEXT UNIQUE,
                name TEXT NOT NULL,
                employment TEXT NOT NULL,
                title TEXT,
                pay_minor BIGINT,
                currency TEXT,
                pay_basis TEXT,
                band TEXT,
                legacy_band TEXT,
                work_layer TEXT,
                location TEXT,
                hire_date TEXT,
                manager_id TEXT REFERENCES people(id) ON DELETE SET NULL,
                spec_id TEXT,
                budget_owner TEXT,
                revision BIGINT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX people_layer ON people (work_layer)",
            "CREATE INDEX people_manager ON people (manager_id)",
            """
            CREATE TABLE vendors (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                country TEXT,
                contract_spec_id TEXT,
                annual_spend_minor BIGINT,
                currency TEXT,
                budget_owner TEXT,
                last_audit TEXT,
                notes TEXT,
                revision BIGINT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE datasets (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                vendor_id TEXT REFERENCES vendors(id) ON DELETE SET NULL,
                source_spec_id TEXT,
                description TEXT,
                recorded_work BOOLEAN NOT NULL,
                consent_record TEXT,
                retention TEXT,
                revision BIGINT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE market_points (
                id TEXT PRIMARY KEY,
                role TEXT NOT NULL,
                location TEXT NOT NULL,
                currency TEXT NOT NULL,
                period TEXT NOT NULL,
                p25_minor BIGINT,
                p50_minor BIGINT NOT NULL,
                p75_minor BIGINT,
                source TEXT NOT NULL,
                as_of TEXT NOT NULL,
                revision BIGINT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX market_points_role ON market_points (role, location)",
        ])

    /// Append-only is enforced by the database too: triggers refuse UPDATE and DELETE on the
    /// log. The hash chain catches anyone who drops the triggers first.
    static let audit = Migration(
        id: "0004-audit",
        statements: [
            """
            CREATE TABLE audit_log (
                seq BIGINT PRIMARY KEY,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                entity TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                before TEXT,
                after TEXT,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            )
            """,
            "CREATE INDEX audit_log_entity ON audit_log (entity, entity_id)",
            "CREATE TABLE audit_head (id BIGINT PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL)",
            "INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '\(AuditChain.genesis)')",
        ],
        sqliteOnly: [
            """
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
            """,
            """
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
            """,
        ],
        postgresOnly: [
            """
            CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$
            """,
            """
            CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
            FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()
            """,
        ])

    /// Judgment sets and their judgments, so agreement can be counted where the data lives.
    static let signal = Migration(
        id: "0005-signal",
        statements: [
            """
            CREATE TABLE judgment_sets (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                source TEXT NOT NULL,
                judgments BIGINT NOT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE judgments (
                set_id TEXT NOT NULL REFERENCES judgment_sets(id) ON DELETE CASCADE,
                seq BIGINT NOT NULL,
                item TEXT NOT NULL,
                reviewer TEXT NOT NULL,
                value TEXT,
                PRIMARY KEY (set_id, seq)
            )
            """,
            "CREATE INDEX judgments_by_item ON judgments (set_id, item, value)",
        ])

    /// What the portfolio views need beyond the first records: hours for annualizing, the
    /// reviewer id that links judgments to a person, pay-equity labels, and vendor audits.
    static let portfolioViews = Migration(
        id: "0006-portfolio-views",
        statements: [
            "ALTER TABLE people ADD COLUMN hours_per_week DOUBLE PRECISION",
            "ALTER TABLE people ADD COLUMN reviewer_id TEXT",
            "ALTER TABLE people ADD COLUMN equity_groups TEXT",
            "ALTER TABLE vendors ADD COLUMN next_audit TEXT",
            "ALTER TABLE vendors ADD COLUMN audit_findings TEXT",
            "ALTER TABLE vendors ADD COLUMN audit_blocking BOOLEAN NOT NULL DEFAULT FALSE",
            "CREATE INDEX people_spec ON people (spec_id)",
        ])

    /// Complementary or variable pay (bonus, commission, allowances) for a year, beside basic
    /// pay: the pay-equity report measures both, as the EU Pay Transparency Directive does.
    static let payComponents = Migration(
        id: "0007-pay-components",
        statements: [
            "ALTER TABLE people ADD COLUMN variable_pay_minor BIGINT"
        ])

    /// Proof that recorded workers were paid for the data: a reference, a count and a total.
    static let datasetPaymentEvidence = Migration(
        id: "0008-dataset-payment-evidence",
        statements: [
            "ALTER TABLE datasets ADD COLUMN payment_evidence TEXT",
            "ALTER TABLE datasets ADD COLUMN paid_workers INTEGER",
            "ALTER TABLE datasets ADD COLUMN paid_total_minor BIGINT",
            "ALTER TABLE datasets ADD COLUMN paid_currency TEXT",
        ])
}
