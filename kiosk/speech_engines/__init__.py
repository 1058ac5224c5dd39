"""Speech engine backends, one per file (as Calibre does). They run inside the speech worker
process, never in the UI process, and never import Kivy."""
