// Package store is dxdash's local copy of one account: the datasets' list
// summaries and full details with the updated_at each was stored at, the
// answers to server searches per (query, filters), how far the list walk
// got, the webhook events already processed (event_id de-duplication that
// survives restarts), and the UI state worth keeping (a small key/value).
// The API key is never stored.
//
// Store is the interface every engine implements; storetest holds the
// behaviour suite every engine passes. The shared engine, for team mode,
// is PostgreSQL (OpenPostgres, through pgx): one database holds several
// accounts, a schema each, migrated only under an advisory lock and only
// when asked (MigratePostgres, `dxdash store migrate`); it also tells of
// changes (Notifier: LISTEN/NOTIFY with a slow poll as fallback) and
// keeps the dashboards' requests to the listener and its heartbeat
// (Requests). Its errors name the host and database, never the password
// of the connection string. The embedded engine is
// SQLite (modernc.org/sqlite, pure Go): OpenSQLite for a file, OpenMemory
// for a store that lives in memory only. Open picks one from the config's
// `store` setting, one file per account under the cache folder (Path), and
// copes with what can go wrong: a damaged file is moved aside and a new one
// built, a file of a newer dxdash is left alone, and an unwritable folder
// or a full disk leave the store in memory, each with a notice that says so.
//
// SearchLocal answers a search from what a store holds (--offline),
// through the interface, so every engine has it.
//
// The syncer is the one writer of server data; the UI reads, and writes
// only its own state (SetState).
//
// store may import client (for its types) and nothing else of dxdash;
// outside it, the SQLite and PostgreSQL drivers.
package store
