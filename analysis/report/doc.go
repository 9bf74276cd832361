// Package report draws what the stages compute: every table as text,
// Markdown, CSV, JSON or LaTeX (Render, WriteDir), from Sections of Tables
// of typed Values, with the Provenance that says how to repeat the run.
// A Section has a display form (what a person reads; it may be wide) and a
// tidy form (one observation per row, for CSV and JSON). The stages do not
// import this package: they return typed results, and the functions that
// turn those into Sections join this package as the stages leave analysis.
package report
