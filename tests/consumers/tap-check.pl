#!/usr/bin/perl
# SPDX-License-Identifier: GPL-2.0-only
# Feeds TAP streams through TAP::Parser (perl core, what prove uses) and
# checks each parsed as TAP 13 with the expected counts.
# Usage: tap-check.pl LIST
# LIST has a line per stream, its fields tab-separated (check.sh writes it):
#   FILE TESTS PASSED FAILED SKIPPED [PLAN_SKIP]
# Every stream is checked, each failure on a line naming its file; exits 1
# when any failed. One interpreter for all: starting perl and loading the
# parser once per stream cost more than the parsing.
use strict;
use warnings;
use TAP::Parser;

sub check {
	my ($file, $tests, $passed, $failed, $skipped, $skip_all) = @_;
	open(my $fh, '<', $file) or die "$!\n";
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
		return 0;
	}
	print "tap-check: $file: TAP 13, $tests tests: $passed passed, $failed failed, $skipped skipped\n";
	return 1;
}

my $ok = 1;
open(my $list, '<', $ARGV[0] // '') or die "tap-check: usage: tap-check.pl LIST: $!\n";
while (my $line = <$list>) {
	chomp $line;
	my @args = split /\t/, $line;
	next if eval { check(@args) };
	# A stream that stops the parser is that stream's failure, not the others'.
	print STDERR "tap-check: $args[0]: $@" if $@;
	$ok = 0;
}
exit($ok ? 0 : 1);
