#!/usr/bin/perl
# SPDX-License-Identifier: GPL-2.0-only
# Reads results files with JSON::PP (perl core) and checks each one's header
# and its number of variants and errors.
# Usage: json-check.pl LIST
# LIST has a line per file, its fields tab-separated (check.sh writes it):
#   FILE VARIANTS ERRORS SKIPPED_CASES
# Every file is checked, each failure on a line naming it; exits 1 when any
# failed. One interpreter for all, as in tap-check.pl.
use strict;
use warnings;
use JSON::PP;

sub check {
	my ($file, $variants, $errors, $skipped) = @_;
	open(my $fh, '<:raw', $file) or die "$!\n";
	my $r = JSON::PP->new->utf8->decode(do { local $/; <$fh> });
	my @bad;
	push @bad, "format" unless ($r->{format} // '') eq 'nsfault-results';
	push @bad, "no $_" for grep { !defined $r->{$_} } qw(nsfault_version kernel_release machine date options);
	push @bad, scalar(@{$r->{variants}}) . " variants, expected $variants" if @{$r->{variants}} != $variants;
	push @bad, scalar(@{$r->{errors}}) . " errors, expected $errors" if @{$r->{errors}} != $errors;
	push @bad, scalar(@{$r->{skipped_cases}}) . " skipped cases, expected $skipped"
		if @{$r->{skipped_cases}} != $skipped;
	for my $v (@{$r->{variants}}) {
		for my $s (@{$v->{steps}}) {
			my $e = $s->{result} && $s->{result}{errno};
			push @bad, "errno not a name: $e" if defined $e && $e !~ /^E[A-Z0-9]+$/;
		}
	}
	if (@bad) {
		print STDERR "json-check: $file: ", join(', ', @bad), "\n";
		return 0;
	}
	print "json-check: $file: $variants variants, $errors errors, $skipped skipped cases\n";
	return 1;
}

my $ok = 1;
open(my $list, '<', $ARGV[0] // '') or die "json-check: usage: json-check.pl LIST: $!\n";
while (my $line = <$list>) {
	chomp $line;
	my @args = split /\t/, $line;
	next if eval { check(@args) };
	# A file JSON::PP cannot read is that file's failure, not the others'.
	print STDERR "json-check: $args[0]: $@" if $@;
	$ok = 0;
}
exit($ok ? 0 : 1);
