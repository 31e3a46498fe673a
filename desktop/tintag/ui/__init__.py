"""Qt widgets and item models; thin layers over tintag.core."""
