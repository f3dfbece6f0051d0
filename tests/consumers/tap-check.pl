#!/usr/bin/perl
# SPDX-License-Identifier: GPL-2.0-only
# Feeds a TAP stream through TAP::Parser (perl core, what prove uses) and
# checks it parsed as TAP 13 with the expected counts.
# Usage: tap-check.pl FILE TESTS PASSED FAILED SKIPPED [PLAN_SKIP]
use strict;
use warnings;
use TAP::Parser;

my ($file, $tests, $passed, $failed, $skipped, $skip_all) = @ARGV;
open(my $fh, '<', $file) or die "tap-check: $file: $!\n";
my $text = do { local $/; scalar <$fh> } // '';
my $parser = TAP::Parser->new({ tap => $text });
my ($names, $hashes) = (0, 0);
my %seen;
while (my $r = $parser->next) {
	next unless $r->is_test;
	my $d = $r->description;
	$names++ if $seen{$d}++;
	# TAP 13 keeps KTAP's TIMEOUT and ERROR directives in the description;
	# any other '#' is one a name let through, which other consumers cut at.
	(my $name = $d) =~ s/ # (TIMEOUT|ERROR)\b.*$//;
	$hashes++ if $name =~ /#/;
}
my @bad;
push @bad, "parse errors: " . join('; ', $parser->parse_errors) if $parser->parse_errors;
push @bad, "version " . $parser->version . ", expected 13" if $parser->version != 13;
push @bad, "tests run " . $parser->tests_run . ", expected $tests" if $parser->tests_run != $tests;
push @bad, "passed " . scalar($parser->passed) . ", expected $passed" if scalar($parser->passed) != $passed;
push @bad, "failed " . scalar($parser->failed) . ", expected $failed" if scalar($parser->failed) != $failed;
push @bad, "skipped " . scalar($parser->skipped) . ", expected $skipped" if scalar($parser->skipped) != $skipped;
push @bad, "$names duplicate test names" if $names;
push @bad, "$hashes test names with a '#'" if $hashes;
push @bad, "no skip-all plan" if $skip_all && !$parser->skip_all;
if (@bad) {
	print STDERR "tap-check: $file: ", join(', ', @bad), "\n";
	exit 1;
}
print "tap-check: $file: TAP 13, $tests tests: $passed passed, $failed failed, $skipped skipped\n";
