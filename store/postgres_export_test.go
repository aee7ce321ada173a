package store

// AccountSchema is the schema an account's tables live in, for tests that
// look at the database itself.
func AccountSchema(account string) string {
	schema, _, _ := accountNames(account)
	return schema
}

// MigrationLock is the advisory lock migrations take.
const MigrationLock = migrationLock
