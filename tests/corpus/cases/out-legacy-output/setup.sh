# An output of an evidencepack from before the marker file.
rm ../out/.evidencepack-output
