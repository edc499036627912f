def main() -> None:
    print("amp")
