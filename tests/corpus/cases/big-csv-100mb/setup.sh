# About 100 MB of observations, made here rather than committed: every day from 1900 on,
# for two places and two measures.
awk 'BEGIN {
  print "place,measure,period,value,unit,source,note"
  n = 0
  for (y = 1000; y < 9999 && n < 100 * 1024 * 1024; y++)
    for (m = 1; m <= 12; m++)
      for (d = 1; d <= 28; d++) {
        line = sprintf("coventry,population,%04d-%02d-%02d,\"306,700\",count,tp_report,a note to make the row longer", y, m, d)
        print line; n += length(line) + 1
      }
}' > data/observations.csv
