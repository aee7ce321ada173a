package store

import "context"

// AccountSchema is the schema an account's tables live in, for tests that
// look at the database itself.
func AccountSchema(account string) string {
	schema, _, _ := accountNames(account)
	return schema
}

// MigrationLock is the advisory lock migrations take.
const MigrationLock = migrationLock

// MigratePostgresTo migrates an account's store to an older version than
// this dxdash's, for tests of a migration from it.
func MigratePostgresTo(ctx context.Context, dsn, account string, version int) error {
	s, err := connectPostgres(ctx, dsn, PostgresOptions{Account: account})
	if err != nil {
		return err
	}
	defer s.Close()
	_, err = s.migrate(ctx, version)
	return err
}
