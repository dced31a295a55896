"""Linking with other datasets (authority table, Wikidata, gazetteers): see issue 11.

Empty until then: the stage is named here so the layout is the design's from the start.
"""
