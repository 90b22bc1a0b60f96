from lintcity.cli import main

main()
