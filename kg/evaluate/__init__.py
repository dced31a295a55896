"""Evaluation against hand annotations in the format of shared/gold/."""
