#!/usr/bin/env python3
"""Write a second version of a news fixture with one word changed, one
paragraph moved, one deleted and one inserted (as tests/e2e/diff.sh does).

    python3 tests/e2e/edit_news.py NEWS OUT
"""
import sys

t = open(sys.argv[1], encoding="utf-8").read()
p = t.split("\n\n")
p[1] = p[1].replace("steeds meer op Frankrijk", "steeds vaker op Frankrijk")
p.insert(6, p.pop(2))          # move paragraph 3 after the old 7th
del p[4]                       # delete one
p.append("Een nieuwe slotalinea over iets heel anders dan de rest van de tekst.")
open(sys.argv[2], "w", encoding="utf-8").write("\n\n".join(p))
