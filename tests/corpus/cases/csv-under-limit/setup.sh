# About 15 MB of observations (just under the 16 MB limit on input files): every day of many
# years for Coventry's population. Builds, in bounded memory.
awk 'BEGIN {
  print "place,measure,period,value,unit,source,note"
  n = 0
  for (y = 1000; y < 9999 && n < 15 * 1024 * 1024; y++)
    for (m = 1; m <= 12; m++)
      for (d = 1; d <= 28; d++) {
        line = sprintf("coventry,population,%04d-%02d-%02d,\"306,700\",count,tp_report,a note to make the row longer", y, m, d)
        print line; n += length(line) + 1
      }
  print "coventry,population,2008,\"306,700\",count,tp_report,"
  print "solihull,population,2008,\"203,600\",count,tp_report,"
  print "coventry,children_spend,2009/10,£16.4m,money,tp_report,"
  print "solihull,children_spend,2009/10,£12.1m,money,tp_report,"
  print "coventry,ni_109,2008/09,71%,percent,tp_report,"
  print "solihull,ni_109,2008/09,64.5%,percent,tp_report,"
  print "coventry,rating,2009,Good,rating,tp_report,"
}' > data/observations.csv
