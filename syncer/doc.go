// Package syncer keeps the store current and is the one writer of server
// data into it. A sync (Sync) walks the list newest first at 100 a page,
// stores each page in its own transaction (so a sync killed at any instant
// loses nothing it committed and the next one goes on from the stored
// cursor), marks stale the details whose updated_at moved and gone the
// datasets a complete walk did not see, then fetches the details a policy
// wants that are missing or stale. Ensure fetches the details a screen
// needs, only where missing or stale; Search stores a server search's
// answer.
//
// Requests have a priority. Interactive ones go to the client at once;
// background ones go one at a time, and only while the rate budget has
// more than a reserve left (by default half the limit), so that a person
// at the keyboard never waits behind more than one background request and
// always has headroom.
//
// syncer imports client and store, and nothing else of dxdash.
package syncer
