"""Qt widgets and item models; thin layers over desktop.core."""
