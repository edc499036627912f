"""The law as data: dated legal parameters with their § and source.

Every legal fact lives once, in a YAML file under `parameters/`; a plan for year Y is
checked against the values in force in Y.
"""
