import sys
from pathlib import Path

# the toy service used by the backbone tests lives beside them
sys.path.insert(0, str(Path(__file__).parent))
