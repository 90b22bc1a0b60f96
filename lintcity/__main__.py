from lintcity.entry import main

main()
