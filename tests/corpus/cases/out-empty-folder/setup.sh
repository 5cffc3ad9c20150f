mkdir ../empty
