from corridors.entry import main

main()
