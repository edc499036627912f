import sys
from pathlib import Path

# the test helpers (strategies, fixtures) live beside the tests
sys.path.insert(0, str(Path(__file__).parent))
