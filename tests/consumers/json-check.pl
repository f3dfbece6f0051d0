#!/usr/bin/perl
# SPDX-License-Identifier: GPL-2.0-only
# Reads a results file with JSON::PP (perl core) and checks the header and
# the number of variants and errors. Usage: json-check.pl FILE VARIANTS ERRORS SKIPPED_CASES
use strict;
use warnings;
use JSON::PP;

my ($file, $variants, $errors, $skipped) = @ARGV;
open(my $fh, '<:raw', $file) or die "json-check: $file: $!\n";
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
	exit 1;
}
print "json-check: $file: $variants variants, $errors errors, $skipped skipped cases\n";
