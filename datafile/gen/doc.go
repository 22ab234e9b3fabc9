// Package gen writes synthetic TypeDB export files from a plain schema
// description (Spec), deterministically for a seed, with realistic shapes:
// attributes owned by many owners, relations with several role players,
// relations playing roles in other relations, and unique keys.
package gen
