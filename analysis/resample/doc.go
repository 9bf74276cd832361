// Package resample puts uncertainty on group means: percentile bootstrap
// intervals (Bootstrap, BootstrapGroups, BootstrapRatio), permutation tests
// between groups (PairwiseTests) and the Benjamini–Hochberg correction for
// many tests. It consumes Samples of values (sentence scores, hit
// indicators) grouped into articles, and produces Intervals and PairTests.
// Articles are resampled when a group has at least MinClusterUnits of them,
// sentences otherwise; every random stream depends only on the seed and the
// group's name. Definitions and defaults are in docs/uncertainty.md.
package resample
