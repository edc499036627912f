"""Shared pytest configuration. Test helpers live in the package tests.support."""
