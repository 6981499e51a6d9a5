# Run before the first prompt when PYTHONSTARTUP names this file.
STARTED = "started"
